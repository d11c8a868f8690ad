# Small helpers shared by every target.

# Warnings for our own targets; errors when VIGIL_WERROR is on (CI and the README commands).
function(vigil_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Woverloaded-virtual)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12 reports false -Wrestrict positives inside std::string at -O3 (GCC bug 105329).
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(VIGIL_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# Defines for code that uses Qt (ui, tests): no implicit ASCII casts, no deprecated API.
function(vigil_qt_defines target)
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_DISABLE_DEPRECATED_UP_TO=0x060400)
endfunction()
