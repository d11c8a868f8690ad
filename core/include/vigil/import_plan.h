// SPDX-License-Identifier: MIT
// The files an import reads, listed before reading them, so a caller can show and preview them
// and then load them one at a time with progress and cancel (the import wizard does).
// importPaths() is planImport() followed by loadImportItem() on every item.
#pragma once

#include "vigil/importers.h"

#include <string>
#include <vector>

namespace vigil::core {

/// One unit of an import: a data file, or an SMD folder (every machine in it).
struct ImportItem
{
    std::string path;
    DataFormat format = DataFormat::Auto; ///< detected per file when asked for Auto
};

/// What importPaths(paths, format) reads, in the same order, each with its format. Folders are
/// walked (SMD folders stay one item). Fails like importPaths on a missing path, an empty
/// folder or a binary file; reads only the first bytes of each file.
Result<std::vector<ImportItem>> planImport(const std::vector<std::string>& paths,
                                           DataFormat format = DataFormat::Auto);

/// Loads one item. `csv` applies to generic CSV items only (the other formats fix their layout).
Result<std::vector<ImportedSeries>> loadImportItem(const ImportItem& item,
                                                   const CsvOptions& csv = {});

} // namespace vigil::core
