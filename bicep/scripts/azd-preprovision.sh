#!/bin/sh
# azd preprovision hook (azure.yaml). Runs with the azd environment's values as environment variables.
#  1. Gives the object and array parameters of bicep/main.parameters.json their empty JSON defaults, so a
#     newcomer's first `azd up` does not fail on an unset variable.
#  2. With CREATE_PSEUDONYM_KEY=true (first deployment of an environment only): refuses if the vault
#     already holds the key, and otherwise generates one when PSEUDONYM_KEY is empty.
set -eu

default_json() { # NAME VALUE: set NAME in the azd environment when it is unset or empty
  eval "current=\${$1:-}"
  if [ -z "$current" ]; then
    azd env set "$1" "$2"
  fi
}

default_json UNIT_PRINCIPALS '{}'
default_json OPERATOR_PRINCIPAL_IDS '[]'
default_json AVAILABILITY_TEST_LOCATIONS '[]'

# The register's report signing key (ES256): generated when asked for (CREATE_REPORTS_SIGNING_KEY=true, which the
# first deployment sets below), written to Key Vault by that deployment and cleared from the environment after it.
# A later rotation is the same flag again: the new key signs from then on (docs/http-api.md "Credit reports").
new_reports_key() {
  if [ -z "${REPORTS_SIGNING_KEY_B64:-}" ]; then
    azd env set REPORTS_SIGNING_KEY_B64 "$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | base64 | tr -d '\n')"
    echo "preprovision: generated a new report signing key (EC P-256); it is written to Key Vault and removed from the azd environment after provisioning."
  fi
}

if [ "${CREATE_REPORTS_SIGNING_KEY:-false}" = "true" ]; then
  new_reports_key
fi

if [ "${CREATE_PSEUDONYM_KEY:-false}" != "true" ]; then
  exit 0
fi

# The first deployment of an environment creates the report key too.
if [ "${CREATE_REPORTS_SIGNING_KEY:-false}" != "true" ]; then
  azd env set CREATE_REPORTS_SIGNING_KEY true
  new_reports_key
fi

# A vault that already has the key must never get a new one from a deployment: that would orphan every
# individual's records. Re-keying is a migration (bicep/README.md, "Re-keying"), not a deployment.
# AZURE_KEY_VAULT_NAME is known once this environment has been provisioned (a main.bicep output).
if [ -n "${AZURE_KEY_VAULT_NAME:-}" ]; then
  if ! command -v az >/dev/null 2>&1; then
    echo "preprovision: CREATE_PSEUDONYM_KEY=true on an environment provisioned before, and no az CLI to check its vault; refusing." >&2
    exit 1
  fi
  # Fail closed: only a clear "not found" lets the deployment write the key.
  if found="$(az resource show --resource-group "$AZURE_RESOURCE_GROUP" --namespace Microsoft.KeyVault \
       --parent "vaults/$AZURE_KEY_VAULT_NAME" --resource-type secrets --name pseudonym-key \
       --query id --output tsv 2>&1)"; then
    echo "preprovision: Key Vault $AZURE_KEY_VAULT_NAME already holds pseudonym-key; refusing to overwrite it." >&2
    echo "preprovision: run 'azd env set CREATE_PSEUDONYM_KEY false' and provision again." >&2
    exit 1
  fi
  case "$found" in
    *NotFound*) ;;
    *)
      echo "preprovision: could not tell whether $AZURE_KEY_VAULT_NAME holds pseudonym-key; refusing:" >&2
      echo "$found" >&2
      exit 1
      ;;
  esac
fi

if [ -z "${PSEUDONYM_KEY:-}" ]; then
  # 32 random bytes, base64: the HMAC-SHA256 key behind every individual's table keys.
  azd env set PSEUDONYM_KEY "$(openssl rand -base64 32)"
  echo "preprovision: generated a new pseudonym key; it is written to Key Vault once and removed from the azd environment after provisioning."
fi
echo "preprovision: CREATE_PSEUDONYM_KEY=true: this deployment writes the Key Vault secret pseudonym-key."
