"""Jobs rules as plain functions: job description analysis and the application pipeline."""
