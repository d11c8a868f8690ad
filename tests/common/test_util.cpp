// SPDX-License-Identifier: MIT
#include "test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

namespace vigil::test {
namespace fs = std::filesystem;

namespace {
struct TempDirs
{
    std::vector<fs::path> dirs;
    ~TempDirs()
    {
        if (std::getenv("VIGIL_KEEP_TEMP") != nullptr) {
            return;
        }
        for (const auto& d : dirs) {
            std::error_code ec;
            fs::remove_all(d, ec);
        }
    }
};
TempDirs& tempDirs()
{
    static TempDirs t;
    return t;
}
} // namespace

std::string sharedDataDir()
{
    if (const char* env = std::getenv("VIGIL_SHARED_DATA"); env != nullptr && *env != 0) {
        return fs::is_directory(env) ? std::string(env) : std::string();
    }
    const fs::path p(VIGIL_SHARED_DATA_DIR_DEFAULT);
    return fs::is_directory(p) ? fs::weakly_canonical(p).string() : std::string();
}

std::string makeTempDir(const char* tag)
{
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::ostringstream name;
        name << "vigil-test-" << tag << "-" << std::hex << rd() << rd();
        fs::path p = fs::temp_directory_path() / name.str();
        std::error_code ec;
        if (fs::create_directory(p, ec)) {
            tempDirs().dirs.push_back(p);
            return p.string();
        }
    }
    return {};
}

void writeFile(const std::string& path, const std::string& content)
{
    const fs::path p(path);
    if (p.has_parent_path()) {
        fs::create_directories(p.parent_path());
    }
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace vigil::test
