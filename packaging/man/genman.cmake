# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# cmake -DCLI=<confab-cli> -DTEMPLATE=<confab-cli.1.in> -DOUTPUT=<confab-cli.1>
#       -DPROJECT_VERSION=<x.y.z> -DCONFAB_RELEASE_DATE=<YYYY-MM-DD> -P genman.cmake
#
# Writes the confab-cli man page, filling its COMMANDS section from the built
# program's --help, so the page lists exactly the commands the binary has.
cmake_minimum_required(VERSION 3.21)
foreach(var CLI TEMPLATE OUTPUT PROJECT_VERSION CONFAB_RELEASE_DATE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "genman.cmake: -D${var}=... is required")
    endif()
endforeach()

execute_process(COMMAND "${CLI}" --help
    OUTPUT_VARIABLE help RESULT_VARIABLE rc TIMEOUT 30)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "genman.cmake: '${CLI} --help' failed (${rc})")
endif()

# Lines between "Commands:" and the next blank line: "  name   summary".
string(REPLACE "\n" ";" lines "${help}")
set(in_commands FALSE)
set(CONFAB_CLI_COMMANDS "")
set(count 0)
foreach(line IN LISTS lines)
    if(line MATCHES "^Commands:")
        set(in_commands TRUE)
        continue()
    endif()
    if(in_commands)
        if(line MATCHES "^[ \t]*$")
            break()
        endif()
        if(line MATCHES "^[ \t]+([^ \t]+)[ \t]+(.*)$")
            set(name "${CMAKE_MATCH_1}")
            set(summary "${CMAKE_MATCH_2}")
            # roff: a leading dot or quote would start a request; backslashes escape.
            string(REPLACE "\\" "\\e" summary "${summary}")
            string(REPLACE "-" "\\-" name "${name}")
            string(APPEND CONFAB_CLI_COMMANDS ".TP\n.B ${name}\n\\&${summary}\n")
            math(EXPR count "${count} + 1")
        endif()
    endif()
endforeach()
if(count EQUAL 0)
    set(CONFAB_CLI_COMMANDS ".PP\nThis build of confab\\-cli has no commands yet.\n")
endif()
# Drop the trailing newline; the template has its own.
string(REGEX REPLACE "\n$" "" CONFAB_CLI_COMMANDS "${CONFAB_CLI_COMMANDS}")
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
