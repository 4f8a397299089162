"""Credit grades (信用评估): assessments, their history, alerts on a drop, the yearly reassessment list."""
