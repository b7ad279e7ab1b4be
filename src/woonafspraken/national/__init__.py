"""The national picture: every municipality's agreements summed per region, province and
country against the national goals, and a fictional national data set to run it on."""
