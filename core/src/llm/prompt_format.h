// SPDX-License-Identifier: MIT
// Pieces of the prompt format shared by the prompt builder and the builtin analyst, which reads
// the same data block an LLM gets.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace vigil::core::detail {

inline constexpr const char* kDataOpen = "<<<DATA";
inline constexpr const char* kDataClose = "DATA>>>";

/// `v` rounded to `digits` significant digits (0 for non-finite values): short prompts.
double roundSignificant(double v, int digits);

/// The delimited block: kDataOpen, the JSON (ASCII, '<' '>' escaped), kDataClose.
std::string dataBlock(const nlohmann::ordered_json& data);

} // namespace vigil::core::detail
