"""The phase-4 report: many project works read, compared and written as Word, CSV or JSON."""
