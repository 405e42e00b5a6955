"""Read side shared by pages, feeds and the API: one query function per listing."""
