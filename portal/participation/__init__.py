"""Citizens' participation: complaints, suggestions, tracking and 你点我检 campaigns."""
