"""The Streamlit explorer over the computed indicators."""
