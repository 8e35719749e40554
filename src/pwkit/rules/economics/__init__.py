"""PW4xx: numbers and economics (Comuni CSV, survey, staff costs, financing, tariffs, money)."""
