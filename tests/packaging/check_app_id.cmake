# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Confab contributors
#
# cmake -DAPP_ID=<id> -DVERSION=<x.y.z> -DDESKTOP=<file> -DMETAINFO=<file>
#       -DFLATPAK=<manifest> -DVERSION_HEADER=<confabversion.h> -P check_app_id.cmake
# Checks that the one application id is used everywhere: the .desktop file
# name and Icon=, the metainfo <id>, <launchable> and <icon>, the Flatpak id,
# and the core's CONFAB_APP_ID (keychain service name); and that the
# metainfo's newest release is the project version.
cmake_minimum_required(VERSION 3.21)
foreach(var APP_ID VERSION DESKTOP METAINFO FLATPAK VERSION_HEADER)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_app_id.cmake: -D${var}=... is required")
    endif()
endforeach()
set(errors "")
function(require_equal got want msg)
    if(NOT got STREQUAL want)
        set(errors "${errors}  ${msg} (got '${got}')\n" PARENT_SCOPE)
    endif()
endfunction()
function(require_match text regex msg)
    if(NOT text MATCHES "${regex}")
        set(errors "${errors}  ${msg}\n" PARENT_SCOPE)
    endif()
endfunction()
string(REPLACE "." "\\." id_re "${APP_ID}")
string(REPLACE "." "\\." version_re "${VERSION}")

get_filename_component(name "${DESKTOP}" NAME)
require_equal("${name}" "${APP_ID}.desktop" "the desktop file is not named ${APP_ID}.desktop")
file(READ "${DESKTOP}" desktop)
require_match("${desktop}" "\nIcon=${id_re}\n" "${name} lacks 'Icon=${APP_ID}'")
require_match("${desktop}" "\nExec=confab\n" "${name} lacks 'Exec=confab'")

get_filename_component(name "${METAINFO}" NAME)
require_equal("${name}" "${APP_ID}.metainfo.xml" "the metainfo file is not named ${APP_ID}.metainfo.xml")
file(READ "${METAINFO}" meta)
require_match("${meta}" "<id>${id_re}</id>" "metainfo lacks <id>${APP_ID}</id>")
require_match("${meta}" "<launchable type=\"desktop-id\">${id_re}\\.desktop</launchable>"
    "metainfo lacks <launchable type=\"desktop-id\">${APP_ID}.desktop</launchable>")
require_match("${meta}" "<icon type=\"stock\">${id_re}</icon>" "metainfo lacks <icon type=\"stock\">${APP_ID}</icon>")
require_match("${meta}" "<releases>[ \t\r\n]*<release version=\"${version_re}\"" "the first metainfo <release> is not version ${VERSION}")
require_match("${meta}" "<content_rating type=\"oars-1\\.[01]\"" "metainfo lacks an OARS content rating")
require_match("${meta}" "<screenshot " "metainfo lacks screenshots")

file(READ "${FLATPAK}" flatpak)
string(JSON fid ERROR_VARIABLE err GET "${flatpak}" id)
require_equal("${fid}" "${APP_ID}" "the Flatpak manifest id is not ${APP_ID}")

file(READ "${VERSION_HEADER}" header)
require_match("${header}" "#define CONFAB_APP_ID \"${id_re}\"" "${VERSION_HEADER} does not define CONFAB_APP_ID as \"${APP_ID}\"")
require_match("${header}" "#define CONFAB_VERSION_STRING \"${version_re}\"" "${VERSION_HEADER} does not define CONFAB_VERSION_STRING as \"${VERSION}\"")

if(errors)
    message(FATAL_ERROR "The application id or version drifted:\n${errors}")
endif()
message(STATUS "${APP_ID} ${VERSION}: .desktop, metainfo, Flatpak manifest and confabversion.h agree")
