"""The Pydantic schemas of a Project Work's data, and the validated project built from them."""
