/**
 * A small R script that reads a wide or paired export with the codebook and turns coded answers
 * into labelled factors ("ved ikke" kept as its own level). Base R only.
 */
export function rScript(): string {
  return `# Pejling: read an export into R with labels.
# Usage: Rscript pejling.R pejling-START-wide.csv pejling-codebook.csv
args <- commandArgs(trailingOnly = TRUE)
data_file <- if (length(args) >= 1) args[1] else "pejling-START-wide.csv"
codebook_file <- if (length(args) >= 2) args[2] else "pejling-codebook.csv"

read_pejling <- function(path) {
  read.csv(path, fileEncoding = "UTF-8-BOM", check.names = FALSE, stringsAsFactors = FALSE, na.strings = "")
}

answers <- read_pejling(data_file)
codebook <- read_pejling(codebook_file)
coded <- codebook[!is.na(codebook$code), ]

for (column in unique(coded$column)) {
  levels <- coded[coded$column == column, ]
  # Paired exports have <column>_start and <column>_end; wide exports the column itself.
  for (name in intersect(c(column, paste0(column, "_start"), paste0(column, "_end")), names(answers))) {
    answers[[name]] <- factor(answers[[name]], levels = levels$code, labels = levels$label_da)
  }
}

cat(sprintf("%d rows, %d columns read from %s\\n", nrow(answers), ncol(answers), data_file))
labelled <- intersect(unique(coded$column), names(answers))
if (length(labelled) > 0) print(table(answers[[labelled[1]]], useNA = "ifany"))
invisible(answers)
`;
}
