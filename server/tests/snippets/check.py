"""Runs after the codebook's "Read it in pandas" snippet (scripts/check-snippets.sh), in the
folder of the unpacked findings sample: pandas' own numbers must be the export's."""

# The snippet's names (placements, summary, groups, placed, quartiles, wide, in_groups) are
# in scope: this file is executed after it.
assert len(placements) == 2 * 8 * 4 and len(summary) == 2 * 4
for _, row in summary.iterrows():
    q = quartiles.loc[(row["round"], row["aspect_id"])]
    assert abs(q[0.25] - row["q1"]) < 1e-9 and abs(q[0.5] - row["median"]) < 1e-9 and abs(q[0.75] - row["q3"]) < 1e-9
for _, row in summary[summary["round"] == 2].iterrows():
    changes = wide.loc[(slice(None), row["aspect_id"]), "change"]
    assert len(changes) == row["n_paired"], (len(changes), row["n_paired"])
    assert abs((changes.abs() > 10).mean() - row["share_moved_over_10"]) < 1e-12
assert [len(pairs) for pairs in in_groups] == [4, 4], in_groups
# scikit-learn's k-means gives the export's groups again.
assert ((same > 0).sum(axis=0) == 1).all() and ((same > 0).sum(axis=1) == 1).all(), same
assert (grouped["stability"] > 0.95).all(), grouped
print("pandas snippet ok:", len(wide), "paired positions")
