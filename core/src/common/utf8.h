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

} // namespace vigil::core
