\set a random(0, 999)
\set b random(0, 999)
\set c random(0, 999)
SELECT lock_lines(ARRAY[:a, :b, :c]::int[], 1);
