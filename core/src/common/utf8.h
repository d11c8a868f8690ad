// SPDX-License-Identifier: MIT
// Cutting UTF-8 text to a byte budget without splitting a character.
#pragma once

#include <cstddef>
#include <string_view>

namespace vigil::core {

/// The longest prefix of `text` of at most `maxBytes` bytes that ends between characters.
inline std::size_t utf8PrefixLength(std::string_view text, std::size_t maxBytes)
{
    std::size_t cut = text.size() < maxBytes ? text.size() : maxBytes;
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // a continuation byte: the character starts before it
    }
    return cut;
}

/// The number of characters (code points) in UTF-8 `text`: what a terminal column counts for
/// most scripts, where `size()` counts bytes.
inline std::size_t utf8CharacterCount(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

} // namespace vigil::core
