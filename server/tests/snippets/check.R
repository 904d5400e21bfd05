# Runs after the codebook's "Read it in R" snippet (scripts/check-snippets.sh), in the folder
# of the unpacked findings sample: R's own numbers must be the export's.
stopifnot(nrow(placements) == 2 * 8 * 4, nrow(summary) == 2 * 4)
for (i in seq_len(nrow(summary))) {
  row <- summary[i, ]
  x <- placed$position[placed$round == row$round & placed$aspect_id == row$aspect_id]
  q <- quantile(x, c(0.25, 0.5, 0.75))
  stopifnot(isTRUE(all.equal(unname(q), c(row$q1, row$median, row$q3), tolerance = 1e-12)))
}
stopifnot(nrow(quartiles) == nrow(summary))
# The signed-rank test of the first aspect (no zero, no tie: R's exact test applies).
round_2 <- subset(summary, round == 2 & aspect_id == summary$aspect_id[1])
stopifnot(nrow(first) == 8)
stopifnot(unname(moved$statistic) == round_2$signed_rank_v)
stopifnot(abs(moved$p.value - round_2$signed_rank_p) < 1e-12, round_2$signed_rank_exact)
stopifnot(abs(median(first$position.2) - median(first$position.1) - round_2$median_change) < 1e-9)
stopifnot(mean(abs(first$position.2 - first$position.1) > 10) == round_2$share_moved_over_10)
# Two camps of four pairs in round 1.
stopifnot(identical(as.vector(table(subset(groups, round == 1)$group)), c(4L, 4L)))
# R's k-means gives the export's groups again, and their within-group sum of squares.
tab <- table(again$cluster, grouped$group)
stopifnot(all(rowSums(tab > 0) == 1), all(colSums(tab > 0) == 1))
scores <- as.matrix(grouped[, c("pc1", "pc2")])
ss <- sum(sapply(split(seq_len(nrow(scores)), grouped$group),
                 function(i) sum(scale(scores[i, , drop = FALSE], scale = FALSE)^2)))
stopifnot(abs(again$tot.withinss - ss) <= 1e-9 * ss)
# Two clear camps come back in (nearly) every bootstrap resample.
stopifnot(all(grouped$stability > 0.95))
cat("R snippet ok: V =", moved$statistic, "p =", moved$p.value, "\n")
