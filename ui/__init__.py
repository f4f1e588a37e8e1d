"""The Streamlit explorer of hotspot-kg: ``hotspot-kg ui`` runs ``streamlit run ui/app.py``."""
