#!/usr/bin/env bash
# Entra app registrations for the credit register (docs/partners.md walks through it).
#
#   register-partner.sh api                     once per tenant: the API's registration with its app roles
#                                               partner, subject, unit, center, admin; prints its client id
#                                               (the `entraClientId` deployment parameter)
#   register-partner.sh partner NAME API_ID     per partner: its own app registration, service principal
#                                               and client secret, and the app role `partner` on the API
#   register-partner.sh assign ROLE OBJECT_ID API_ID
#                                               give a user, group or service principal one app role
#
# Needs the az CLI signed in (`az login`) as someone who may create app registrations and grant app roles
# (Application Administrator, or Cloud Application Administrator). Works in any cloud: the Graph endpoint
# comes from `az cloud show` (Azure China: microsoftgraph.chinacloudapi.cn). Safe to run again: an existing
# registration with the same display name is reused, and a role already granted is left as it is.
set -euo pipefail

API_NAME="${CREDIT_API_APP_NAME:-credit-register-api}"

graph() { # METHOD PATH [az rest options…]: call Microsoft Graph v1.0 in the current cloud
  local base
  base="$(az cloud show --query endpoints.microsoftGraphResourceId --output tsv)"
  base="${base%/}"
  az rest --method "$1" --uri "$base/v1.0$2" "${@:3}"
}

app_id_by_name() { # DISPLAY_NAME: appId of the registration with that name, or nothing
  az ad app list --display-name "$1" --query '[0].appId' --output tsv
}

ensure_sp() { # APP_ID: object id of the app's service principal, created when missing
  local sp
  sp="$(az ad sp list --filter "appId eq '$1'" --query '[0].id' --output tsv)"
  if [[ -z "$sp" ]]; then
    sp="$(az ad sp create --id "$1" --query id --output tsv)"
  fi
  echo "$sp"
}

role_id() { # API_APP_ID ROLE: id of the API's app role with that value
  az ad app show --id "$1" --query "appRoles[?value=='$2'].id | [0]" --output tsv
}

# One app role per contract role. allowedMemberTypes says who can hold it: partners and units call as
# applications (client credentials); subjects, the credit center's officials and administrators sign in.
app_roles_json() {
  local roles=(
    "partner|Application|Partner app|A department or system that asks for subjects' credit and restrictions."
    "subject|User|Subject|A unit or person asking about its own records, objections and repairs."
    "unit|Application User|Upstream unit|A submitting unit: decides objections and repairs on its records, reads its quality."
    "center|User Application|Credit center|The Public Credit Information Service Center: files objections for subjects (art10)."
    "admin|User|Administrator|The Bureau's administrators: every route, history included."
  )
  local first=1 value members display description types
  printf '['
  for entry in "${roles[@]}"; do
    IFS='|' read -r value members display description <<<"$entry"
    # $members unquoted on purpose: one JSON string per member type.
    # shellcheck disable=SC2086
    types="$(printf '"%s",' $members)"
    [[ $first -eq 1 ]] || printf ','
    first=0
    printf '{"allowedMemberTypes":[%s],"description":"%s","displayName":"%s","id":"%s","isEnabled":true,"value":"%s"}' \
      "${types%,}" "$description" "$display" "$(cat /proc/sys/kernel/random/uuid)" "$value"
  done
  printf ']'
}

register_api() {
  local app_id roles_file
  app_id="$(app_id_by_name "$API_NAME")"
  if [[ -z "$app_id" ]]; then
    roles_file="$(mktemp)"
    trap 'rm -f "$roles_file"' RETURN
    app_roles_json >"$roles_file"
    app_id="$(az ad app create --display-name "$API_NAME" --sign-in-audience AzureADMyOrg \
      --app-roles "@$roles_file" --query appId --output tsv)"
    # api://<client id> is the audience of v1 tokens and the resource of `az account get-access-token`;
    # v2 tokens carry the client id itself. App Service authentication accepts both (functionapp.bicep).
    az ad app update --id "$app_id" --identifier-uris "api://$app_id" \
      --set api.requestedAccessTokenVersion=2
    echo "created app registration $API_NAME" >&2
  else
    echo "app registration $API_NAME exists; its roles are left as they are" >&2
  fi
  ensure_sp "$app_id" >/dev/null
  echo "$app_id"
}

assign_role() { # ROLE PRINCIPAL_OBJECT_ID API_APP_ID
  local role="$1" principal="$2" api_app_id="$3" api_sp role_uuid existing
  api_sp="$(ensure_sp "$api_app_id")"
  role_uuid="$(role_id "$api_app_id" "$role")"
  [[ -n "$role_uuid" ]] || { echo "the API registration has no app role '$role'" >&2; exit 1; }
  existing="$(graph GET "/servicePrincipals/$api_sp/appRoleAssignedTo?\$top=999" \
    --query "value[?principalId=='$principal' && appRoleId=='$role_uuid'].id | [0]" --output tsv 2>/dev/null || true)"
  if [[ -n "$existing" ]]; then
    echo "$principal already holds '$role'" >&2
    return
  fi
  graph POST "/servicePrincipals/$api_sp/appRoleAssignedTo" --headers 'Content-Type=application/json' \
    --body "{\"principalId\":\"$principal\",\"resourceId\":\"$api_sp\",\"appRoleId\":\"$role_uuid\"}" >/dev/null
  echo "granted '$role' to $principal" >&2
}

register_partner() { # NAME API_APP_ID
  local name="$1" api_app_id="$2" display app_id sp secret
  display="credit-partner-$name"
  app_id="$(app_id_by_name "$display")"
  if [[ -z "$app_id" ]]; then
    app_id="$(az ad app create --display-name "$display" --sign-in-audience AzureADMyOrg --query appId --output tsv)"
  fi
  sp="$(ensure_sp "$app_id")"
  assign_role partner "$sp" "$api_app_id"
  # A new secret each run (the old ones stay valid until they expire or are deleted in the portal).
  secret="$(az ad app credential reset --id "$app_id" --append --display-name "credit-register" \
    --years 1 --query password --output tsv)"
  cat <<OUT
partner:        $display
client id:      $app_id
object id:      $sp   (the register knows the partner by this: claim oid)
tenant:         $(az account show --query tenantId --output tsv)
client secret:  $secret
Hand the secret over through a secure channel; it is not shown again.
OUT
}

case "${1:-}" in
  api) register_api ;;
  partner) [[ $# -eq 3 ]] || { echo "usage: $0 partner NAME API_CLIENT_ID" >&2; exit 2; }; register_partner "$2" "$3" ;;
  assign) [[ $# -eq 4 ]] || { echo "usage: $0 assign ROLE OBJECT_ID API_CLIENT_ID" >&2; exit 2; }; assign_role "$2" "$3" "$4" ;;
  *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
