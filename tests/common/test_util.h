// SPDX-License-Identifier: MIT
// Helpers shared by the Qt Test binaries.
#pragma once

#include <QString>

#include <string>

namespace vigil::test {

/// ../shared/data (or $VIGIL_SHARED_DATA when set); empty when the folder is absent.
std::string sharedDataDir();

/// A fresh empty directory under the system temp dir, removed at process exit.
std::string makeTempDir(const char* tag);

/// Writes `content` to `path` (binary), creating parent directories.
void writeFile(const std::string& path, const std::string& content);

/// Reads a whole file (binary); empty when missing.
std::string readFile(const std::string& path);

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace vigil::test
