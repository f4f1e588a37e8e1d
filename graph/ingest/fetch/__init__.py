"""Fetching public data over HTTP: retrying requests, resumable downloads and their manifest.

Generic and source-free: :mod:`~graph.ingest.fetch.http` sends a request again after a 429 or a 5xx
(honouring ``Retry-After``) or a dropped connection, with exponential backoff;
:mod:`~graph.ingest.fetch.download` writes a file under a temporary name, resumes it with HTTP ``Range``
after an interruption, checks its size (and, when asked, that it is a whole zip) and renames it when
complete; :mod:`~graph.ingest.fetch.manifest` records what was fetched (URL, bytes, sha256, when,
release) in ``manifest.json`` beside the files. The sources themselves (PatentsView, ...) live in their
own modules. Nothing here touches the network at import time.
"""
