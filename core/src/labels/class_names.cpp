// SPDX-License-Identifier: MIT
#include "vigil/class_names.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vigil::core {
namespace {

constexpr const char* kClassNamesKey = "classes.names";

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

} // namespace

Result<std::map<int, std::string>> classNames(const Project& project)
{
    auto stored = project.setting(kClassNamesKey);
    if (!stored) {
        return stored.error();
    }
    std::map<int, std::string> names;
    if (!stored->has_value()) {
        return names;
    }
    const auto doc = nlohmann::json::parse(**stored, nullptr, false);
    if (!doc.is_object()) {
        return names;
    }
    for (const auto& [key, value] : doc.items()) {
        int id = 0;
        try {
            id = std::stoi(key);
        } catch (const std::exception&) {
            continue;
        }
        if (id >= 1 && id <= kMaxClassId && value.is_string() &&
            !value.get<std::string>().empty()) {
            names[id] = value.get<std::string>();
        }
    }
    return names;
}

Status setClassName(Project& project, int classId, const std::string& name)
{
    if (classId < 1 || classId > kMaxClassId) {
        return fail("classes are numbered 1 to " + std::to_string(kMaxClassId) + ", not " +
                    std::to_string(classId));
    }
    const std::string clean = trimmed(name);
    if (clean.size() > kMaxClassNameBytes) {
        return fail("a class name may be at most " + std::to_string(kMaxClassNameBytes) +
                    " bytes long");
    }
    if (std::any_of(clean.begin(), clean.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        return fail("a class name may not contain control characters (tabs, line breaks)");
    }
    auto names = classNames(project);
    if (!names) {
        return names.error();
    }
    if (clean.empty()) {
        names->erase(classId);
    } else {
        (*names)[classId] = clean;
    }
    nlohmann::json doc = nlohmann::json::object();
    for (const auto& [id, text] : *names) {
        doc[std::to_string(id)] = text;
    }
    // Invalid UTF-8 (from a caller other than the GUI) is replaced, never thrown on.
    return project.setSetting(kClassNamesKey,
                              doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace vigil::core
