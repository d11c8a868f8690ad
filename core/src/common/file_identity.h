// SPDX-License-Identifier: MIT
// Which file a path names now (POSIX): two paths name one file when these are equal.
#pragma once

#include <optional>
#include <string>
#include <sys/stat.h>
#include <utility>

namespace vigil::core {

/// The file a path names now: device and inode, or nullopt when nothing is there.
inline std::optional<std::pair<dev_t, ino_t>> fileIdentity(const std::string& path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0) {
        return std::nullopt;
    }
    return std::make_pair(st.st_dev, st.st_ino);
}

} // namespace vigil::core
