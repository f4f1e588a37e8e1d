// Changes the current user's password (run against the system database; used on the first start).
// :param old => 'neo4j'
// :param new => required
ALTER CURRENT USER SET PASSWORD FROM $old TO $new
