# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# Works around CMake's Ninja AUTOGEN graph (3.27+): moc reruns only when a
# header it already scanned changes, so a Q_OBJECT header newly added to a
# target in an existing build tree is never moc'ed and linking fails with
# "undefined reference to ...::staticMetaObject". At the end of every
# configure (also the automatic one ninja runs), each AUTOMOC target whose
# source list changed gets its autogen timestamp removed, which makes moc run.

function(_confab_collect_targets dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
        _confab_collect_targets(${sub} sub_targets)
        list(APPEND targets ${sub_targets})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(confab_refresh_autogen)
    _confab_collect_targets(${CMAKE_SOURCE_DIR} targets)
    foreach(t IN LISTS targets)
        get_target_property(automoc ${t} AUTOMOC)
        if(NOT automoc)
            continue()
        endif()
        get_target_property(sources ${t} SOURCES)
        get_target_property(bindir ${t} BINARY_DIR)
        string(SHA256 hash "${sources}")
        set(stamp "${bindir}/CMakeFiles/${t}_sources.sha256")
        set(old "")
        if(EXISTS "${stamp}")
            file(READ "${stamp}" old)
        endif()
        if(NOT old STREQUAL hash)
            file(REMOVE "${bindir}/${t}_autogen/timestamp")
            file(WRITE "${stamp}" "${hash}")
        endif()
    endforeach()
endfunction()

cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL confab_refresh_autogen)
