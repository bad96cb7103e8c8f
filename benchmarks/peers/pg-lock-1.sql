\set a random(0, 999)
SELECT lock_lines(ARRAY[:a]::int[], 1);
