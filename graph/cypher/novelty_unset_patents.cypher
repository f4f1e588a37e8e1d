// Remove the novelty properties of the patents given (ids): those an earlier run scored and the
// current one does not.
// :param rows => []
UNWIND $rows AS id
MATCH (p:Patent {id: id})
REMOVE p.novel, p.novelty_type, p.new_classes, p.new_pairs, p.novelty_settings
RETURN count(p) AS written
