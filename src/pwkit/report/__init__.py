"""The phase-4 report: project works read and compared, written as CSV or JSON (Word: render)."""
