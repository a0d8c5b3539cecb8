"""Records to articles: keys, the time order of snapshots, the assignment, changes."""
