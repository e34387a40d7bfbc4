# Cross-check of `smartspec complexity --method davies-mare` against R's WGCNA, the package Davies &
# Maré used: for every year of a dataset, activity and region relatedness ((r + 1) / 2 with
# r = WGCNA::cor(shares, use = "pairwise.complete.obs", weights.x = size shares)), activity and
# region complexity (standardised second eigenvector, signed by their rules) and mean local
# relatedness must agree to 1e-9.
# Usage: Rscript davies_mare.R DATASET SMARTSPEC
suppressPackageStartupMessages(library(WGCNA))
args <- commandArgs(trailingOnly = TRUE)
dataset <- args[1]; smartspec <- args[2]
tolerance <- 1e-9
cells <- read.csv(file.path(dataset, "activities.csv"), colClasses = c("character", "character", "integer", "numeric"))
region_order <- read.csv(file.path(dataset, "regions.csv"), colClasses = "character")$code
worst <- 0
run <- function(arguments) {
  status <- system2(smartspec, arguments, stdout = TRUE)
  if (!is.null(attr(status, "status"))) stop(paste("smartspec failed:", paste(arguments, collapse = " ")))
  status
}
for (year in sort(unique(cells$year))) {
  d <- cells[cells$year == year & cells$value > 0, ]
  regions <- region_order[region_order %in% d$region]
  activities <- unique(d$activity)
  emp <- matrix(0, length(regions), length(activities), dimnames = list(regions, activities))
  emp[cbind(match(d$region, regions), match(d$activity, activities))] <- d$value
  activities <- colnames(emp)
  suppressed <- emp; suppressed[emp == 0] <- NA
  act_rel <- (WGCNA::cor(suppressed / rowSums(emp), use = "pairwise.complete.obs", weights.x = rowSums(emp) / sum(emp)) + 1) / 2
  reg_rel <- (WGCNA::cor(t(suppressed) / colSums(emp), use = "pairwise.complete.obs", weights.x = colSums(emp) / sum(emp)) + 1) / 2
  act_comp <- as.vector(scale(Re(eigen(act_rel, symmetric = TRUE)$vectors[, 2])))
  mean_size <- as.vector((t(emp) / colSums(emp)) %*% rowSums(emp))
  if (cor(act_comp, mean_size) < 0) act_comp <- -act_comp
  reg_comp <- as.vector(scale(Re(eigen(reg_rel, symmetric = TRUE)$vectors[, 2])))
  mean_comp <- as.vector((emp / rowSums(emp)) %*% act_comp)
  if (cor(reg_comp, mean_comp) < 0) reg_comp <- -reg_comp
  mlr <- (emp / rowSums(emp)) %*% act_rel

  json_file <- tempfile(); rel_file <- tempfile(fileext = ".csv"); cells_file <- tempfile(fileext = ".csv")
  out <- run(c("complexity", "--dataset", dataset, "--method", "davies-mare", "--year", year, "--format", "csv",
               "--write-relatedness", rel_file, "--write-cells", cells_file))
  ours <- read.csv(text = paste(out, collapse = "\n"), colClasses = c("character", "character", "numeric", "numeric"))
  ours_act <- ours[ours$kind == "activity", ]; ours_reg <- ours[ours$kind == "region", ]
  rel <- read.csv(rel_file, colClasses = c("character", "character", "character", "numeric"))
  ra <- rel[rel$kind == "activity", ]; rr <- rel[rel$kind == "region", ]
  cl <- read.csv(cells_file, colClasses = c("character", "character", "numeric", "numeric", "numeric"))
  diffs <- c(
    activity_relatedness = max(abs(act_rel[cbind(ra$code_1, ra$code_2)] - ra$relatedness)),
    region_relatedness = max(abs(reg_rel[cbind(rr$code_1, rr$code_2)] - rr$relatedness)),
    activity_complexity = max(abs(act_comp[match(ours_act$code, activities)] - ours_act$complexity)),
    region_complexity = max(abs(reg_comp[match(ours_reg$code, regions)] - ours_reg$complexity)),
    mean_local_relatedness = max(abs(mlr[cbind(cl$region, cl$activity)] - cl$mean_local_relatedness)))
  if (nrow(ra) != length(activities)^2 || nrow(rr) != length(regions)^2) stop("pair counts differ")
  cat(sprintf("%d: %s\n", year, paste(sprintf("%s %.2e", names(diffs), diffs), collapse = ", ")))
  worst <- max(worst, diffs)
}
cat(sprintf("largest difference from WGCNA: %.2e (tolerance %.0e)\n", worst, tolerance))
if (worst > tolerance) quit(status = 1)
