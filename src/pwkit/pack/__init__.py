"""Template packs: what a programme edition gives pwkit as content, not code."""
