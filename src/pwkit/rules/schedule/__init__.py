"""PW3xx: dates and schedule (phases, activities, dependencies, milestones, deadlines, KPI)."""
