"""Comment views: posting and confirming, reader actions, feeds and the JSON API."""
