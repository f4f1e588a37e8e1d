// The index of the stored result tables: one (:ResultTable) per table name and switches key.
CREATE CONSTRAINT result_table_key IF NOT EXISTS FOR (t:ResultTable) REQUIRE (t.name, t.switches) IS UNIQUE
