/**
 * An R script (base R only) that reads a wide or paired CSV export with the codebook: answers on an
 * ordered scale become ordered factors with the levels in scale order, other scales factors;
 * "ved ikke" becomes NA with a logical indicator column `<column>_ved_ikke` beside it (TRUE for
 * "ved ikke", FALSE for another answer, NA when unanswered); numbers stay numeric; every column
 * carries its question text as attribute "label", as haven does. Reads the comma CSV and the
 * semicolon one for Danish Excel alike.
 */
export function rScript(): string {
  return `# Pejling: read a wide or paired export into R with labels.
# Usage: Rscript pejling.R pejling-<project>-START-wide-<date>.csv pejling-<project>-codebook-<date>.csv
#    or: source("pejling.R")
#        answers <- read_pejling_export("pejling-<project>-START-END-paired-<date>.csv", "pejling-<project>-codebook-<date>.csv")
# Without a codebook argument the newest pejling-*-codebook-*.csv beside the export is used.
# Both CSV dialects are read: the default (",") and the one for Danish Excel (";", decimal comma).

read_pejling_csv <- function(path) {
  first_line <- readLines(path, n = 1, encoding = "UTF-8", warn = FALSE)
  # The export for Danish Excel separates with ";" and writes decimal commas.
  semicolons <- grepl(";", first_line, fixed = TRUE) && !grepl(",", first_line, fixed = TRUE)
  read.csv(path, fileEncoding = "UTF-8-BOM", check.names = FALSE, stringsAsFactors = FALSE, na.strings = "",
           sep = if (semicolons) ";" else ",", dec = if (semicolons) "," else ".")
}

attribute_labels <- c(person_key = "Pseudonym for personen (P-nummer)", round = "Runde", submitted_at = "Indsendt",
                      municipality = "Kommune", team = "Team", group = "Gruppe", role = "Rolle")

read_pejling_export <- function(data_file, codebook_file) {
  answers <- read_pejling_csv(data_file)
  codebook <- read_pejling_csv(codebook_file)
  result <- list()
  for (name in names(answers)) {
    values <- answers[[name]]
    # Paired exports have <column>_start and <column>_end; wide exports the column itself.
    column <- if (name %in% codebook$column) name else sub("_(start|end)$", "", name)
    entry <- codebook[codebook$column == column, ]
    if (nrow(entry) == 0) {
      attr(values, "label") <- if (name %in% names(attribute_labels)) attribute_labels[[name]] else name
      result[[name]] <- values
      next
    }
    coded <- entry[!is.na(entry$code), ]
    if (nrow(coded) > 0) {
      dont_know <- coded$code[coded$dont_know == 1]
      answered <- coded[coded$dont_know != 1, ]
      codes <- suppressWarnings(as.numeric(values))
      values <- factor(ifelse(codes %in% dont_know, NA, codes), levels = answered$code, labels = answered$label_da,
                       ordered = isTRUE(answered$ordered[1] == 1))
      attr(values, "label") <- entry$text_da[1]
      result[[name]] <- values
      if (length(dont_know) > 0) {
        indicator <- ifelse(is.na(codes), NA, codes %in% dont_know)
        attr(indicator, "label") <- paste0(entry$text_da[1], " (ved ikke)")
        result[[paste0(name, "_ved_ikke")]] <- indicator
      }
    } else {
      if (!(entry$kind[1] %in% "text")) values <- as.numeric(values)
      attr(values, "label") <- entry$text_da[1]
      result[[name]] <- values
    }
  }
  # Built as a list so the labels survive; data.frame() would drop them.
  structure(result, class = "data.frame", row.names = seq_len(nrow(answers)))
}

# The newest codebook of the export's project beside it: names are pejling-<project>-codebook-<date>.csv
# and the export's pejling-<project>-<rounds>-<what>-<date>.csv.
find_codebook <- function(data_file) {
  found <- Sys.glob(file.path(dirname(data_file), "pejling-*-codebook-*.csv"))
  projects <- sprintf("%s-", sub("-codebook-[^/]*$", "", basename(found)))
  # The longest project name the export's name starts with ("hir-aarhus" over "hir").
  matching <- startsWith(basename(data_file), projects)
  if (any(matching)) found <- found[matching & nchar(projects) == max(nchar(projects[matching]))]
  if (length(found) == 0) stop("No codebook given and no pejling-*-codebook-*.csv beside ", data_file)
  found[order(sub(".*-codebook-", "", basename(found)))][length(found)]
}

args <- commandArgs(trailingOnly = TRUE)
if (!interactive() && length(args) >= 1) {
  data_file <- args[1]
  codebook_file <- if (length(args) >= 2) args[2] else find_codebook(data_file)
  answers <- read_pejling_export(data_file, codebook_file)
  cat(sprintf("%d rows, %d columns read from %s\\n", nrow(answers), ncol(answers), data_file))
  ordered_columns <- names(answers)[vapply(answers, is.ordered, logical(1))]
  if (length(ordered_columns) > 0) {
    first <- ordered_columns[1]
    cat(sprintf("%s: %s\\n", first, attr(answers[[first]], "label")))
    print(table(answers[[first]], useNA = "ifany"))
  }
}
`;
}
