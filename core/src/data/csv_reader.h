// SPDX-License-Identifier: MIT
// Delimited-text reader shared by the generic CSV, Yahoo, SMD and NAB loaders.
#pragma once

#include "vigil/importers.h"

#include <string>
#include <string_view>

namespace vigil::core::detail {

/// Parses delimited text; errors name `errorName`, the series is called `seriesName`.
Result<ImportedSeries> parseDelimited(std::string_view text, const std::string& errorName,
                                      const std::string& seriesName, const CsvOptions& options);

/// Layout detection with errors naming `errorName`.
Result<CsvLayout> detectLayout(std::string_view text, const std::string& errorName,
                               const CsvOptions& options);

} // namespace vigil::core::detail
