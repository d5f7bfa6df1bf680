"""Rules of this topic (see rules/*.yaml)."""
