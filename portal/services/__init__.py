"""Write side: the only code that changes published content."""
