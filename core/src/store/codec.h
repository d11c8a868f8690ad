// SPDX-License-Identifier: MIT
// Byte formats of the project file: value chunks, content hashes and label diffs as JSON.
#pragma once

#include "vigil/label.h"
#include "vigil/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core::store {

/// Rows of one channel per series_data row.
inline constexpr std::int64_t kChunkRows = 65536;

/// zlib-compressed little-endian float64 (bit-exact, NaN payloads included).
std::string encodeDoubles(const double* values, std::size_t count);
/// Inverse of encodeDoubles; `count` is the row count stored next to the blob.
Status decodeDoubles(std::string_view blob, std::size_t count, double* out);

/// zlib-compressed little-endian int64.
std::string encodeInt64s(const std::int64_t* values, std::size_t count);
Status decodeInt64s(std::string_view blob, std::size_t count, std::int64_t* out);

/// FNV-1a 64 over raw bytes, continuing from `state` (start with kFnvOffset).
inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t state = kFnvOffset);
/// 16 lower-case hex digits.
std::string toHex(std::uint64_t value);

std::string diffToJson(const LabelDiff& diff);
Result<LabelDiff> diffFromJson(std::string_view text);

} // namespace vigil::core::store
