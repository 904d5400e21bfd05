# An independent check of the opinion groups (scripts/check-snippets.sh), on seeded random
# rooms written by `cargo run -p server --example group_rooms` (6–300 pairs, 2–8 aspects, 1–5
# centres, different noise): in every room with groups,
# 1. R's kmeans (Hartigan–Wong) from 1000 random starts never finds a lower within-group sum of
#    squares on the exported scores than the exported groups (relative tolerance 1e-9);
# 2. fpc::clusterboot (Hennig 2007; B = 100, resamples grouped by kmeans with 10 starts and
#    the same k, or fewer when a resample has fewer distinct pairs) gives each exported group
#    about the exported stability. Both are bootstrap estimates from different random numbers:
#    with B = 100 each has a standard error of at most 0.05 (a Jaccard is in 0..1), so a group
#    may differ by up to 0.2, and the mean difference over all groups must be near 0.
# Usage: Rscript groups.R rooms.csv
suppressPackageStartupMessages(library(fpc))
rooms <- read.csv(commandArgs(TRUE)[1], fileEncoding = "UTF-8-BOM")
within_ss <- function(x, g) sum(sapply(split(seq_len(nrow(x)), g), function(i) sum(scale(x[i, , drop = FALSE], scale = FALSE)^2)))
checked <- 0
differences <- c()
for (room in split(rooms, rooms$room)) {
  scores <- as.matrix(room[, c("pc1", "pc2")])
  k <- room$groups[1]
  exported <- within_ss(scores, room$group)
  set.seed(room$room[1])
  best <- suppressWarnings(kmeans(scores, k, nstart = 1000, iter.max = 100))$tot.withinss
  if (best < exported * (1 - 1e-9)) {
    stop(sprintf("room %d (%d pairs, k = %d): R's kmeans finds %.12g, the export %.12g",
                 room$room[1], nrow(room), k, best, exported))
  }
  # The groups assessed are the export's: clusterboot's first call gets them as they are.
  first <- TRUE
  method <- function(data, k) {
    if (first) {
      first <<- FALSE
      part <- room$group
    } else {
      data <- as.matrix(data)
      distinct <- nrow(unique(data))
      k <- min(k, distinct)
      part <- if (k == distinct) {
        match(do.call(paste, as.data.frame(data)), unique(do.call(paste, as.data.frame(data))))
      } else {
        suppressWarnings(kmeans(data, k, nstart = 10))$cluster
      }
    }
    list(result = part, nc = k, clusterlist = lapply(seq_len(k), function(j) part == j),
         partition = part, clustermethod = "kmeans, as exported")
  }
  boot <- clusterboot(scores, B = 100, bootmethod = "boot", clustermethod = method, k = k,
                      seed = room$room[1], count = FALSE)
  exported_stability <- sapply(seq_len(k), function(g) room$stability[room$group == g][1])
  differences <- c(differences, boot$bootmean - exported_stability)
  if (any(abs(boot$bootmean - exported_stability) > 0.2)) {
    stop(sprintf("room %d (%d pairs, k = %d): stability in R %s, in the export %s", room$room[1], nrow(room), k,
                 paste(round(boot$bootmean, 3), collapse = " "), paste(round(exported_stability, 3), collapse = " ")))
  }
  checked <- checked + 1
}
stopifnot(checked >= 100, abs(mean(differences)) < 0.02)
cat(sprintf("groups ok: %d rooms, no lower sum of squares in R; stability R − export: mean %.4f, largest %.3f\n",
            checked, mean(differences), max(abs(differences))))
