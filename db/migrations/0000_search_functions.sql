-- Keywords are weighted between title and description in images.search_vector, a generated column;
-- array_to_string is only STABLE in general, but for text[] it cannot change, so this wrapper is IMMUTABLE.
CREATE FUNCTION stockroom_keywords_text(keywords text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT array_to_string(keywords, ' ') $$;
