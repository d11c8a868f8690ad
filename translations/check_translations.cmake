# ctest `translations_complete`: fails when vigil_de.ts (or the plural forms in vigil_en.ts) is
# behind the sources. Runs lupdate over the current sources into copies of the .ts files and
# fails on any entry that is then unfinished (a new or changed string), vanished or obsolete
# (a string the sources no longer have), or has an empty translation.
#
#   cmake -DLUPDATE=... -DSOURCES="a|b" [-DOPTIONS="-opt|value"] -DTS_FILES="de.ts|en.ts"
#         -DWORK_DIR=... -P check_translations.cmake
# The fix is always: cmake --build build --target update_translations, then translate.

foreach(var LUPDATE SOURCES TS_FILES WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_translations: ${var} is not set")
    endif()
endforeach()
string(REPLACE "|" ";" sources "${SOURCES}")
string(REPLACE "|" ";" ts_files "${TS_FILES}")
string(REPLACE "|" ";" options "${OPTIONS}")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(problems "")
foreach(ts IN LISTS ts_files)
    get_filename_component(name "${ts}" NAME)
    if(NOT EXISTS "${ts}")
        string(APPEND problems "\n  ${name}: missing")
        continue()
    endif()
    file(COPY "${ts}" DESTINATION "${WORK_DIR}")
    set(copy "${WORK_DIR}/${name}")
    set(extra "")
    if(name MATCHES "_en\\.ts$")
        set(extra -pluralonly) # English is the source language: only its plural forms
    endif()
    execute_process(COMMAND "${LUPDATE}" -silent -locations none ${extra} ${options} ${sources} -ts "${copy}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "lupdate failed (${rc}): ${out}${err}")
    endif()
    file(READ "${copy}" text)
    # One <message> per list entry; neither ';' nor brackets of the XML may split or join them.
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "[" "<lb>" text "${text}")
    string(REPLACE "]" "<rb>" text "${text}")
    string(REGEX MATCHALL "<message[^>]*>.*</message>" blob "${text}")
    string(REPLACE "</message>" "</message>;" messages "${blob}")
    set(count 0)
    foreach(m IN LISTS messages)
        if(NOT m MATCHES "<source>")
            continue()
        endif()
        math(EXPR count "${count} + 1")
        string(REGEX MATCH "<source>([^<]*)</source>" _ "${m}")
        set(src "${CMAKE_MATCH_1}")
        if(m MATCHES "type=\"(unfinished|vanished|obsolete)\"")
            string(APPEND problems "\n  ${name}: ${CMAKE_MATCH_1}: \"${src}\"")
        elseif(m MATCHES "<translation></translation>|<numerusform></numerusform>")
            string(APPEND problems "\n  ${name}: empty translation: \"${src}\"")
        endif()
    endforeach()
    message(STATUS "${name}: ${count} messages checked")
    if(count EQUAL 0 AND NOT name MATCHES "_en\\.ts$")
        string(APPEND problems "\n  ${name}: no messages found (lupdate saw no sources?)")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "Translations are not complete:${problems}\n"
            "Run `cmake --build build --target update_translations`, then translate the "
            "unfinished entries (see translations/CMakeLists.txt).")
endif()
message(STATUS "translations complete")
