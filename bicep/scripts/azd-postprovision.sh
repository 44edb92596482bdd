#!/bin/sh
# azd postprovision hook (azure.yaml). Once a deployment has written the pseudonym key to Key Vault, the
# flag that allowed it is turned off and the key leaves the azd environment (.azure/<env>/.env is a plain
# file): no later `azd up` can write the secret again, and Key Vault is the only copy.
set -eu

if [ "${CREATE_PSEUDONYM_KEY:-false}" = "true" ]; then
  azd env set CREATE_PSEUDONYM_KEY false
  azd env set PSEUDONYM_KEY ""
  echo "postprovision: pseudonym-key is in Key Vault ${AZURE_KEY_VAULT_NAME:-}; CREATE_PSEUDONYM_KEY is now false and the key is gone from the azd environment."
fi

if [ "${CREATE_REPORTS_SIGNING_KEY:-false}" = "true" ]; then
  azd env set CREATE_REPORTS_SIGNING_KEY false
  azd env set REPORTS_SIGNING_KEY_B64 ""
  echo "postprovision: reports-signing-key is in Key Vault ${AZURE_KEY_VAULT_NAME:-}; CREATE_REPORTS_SIGNING_KEY is now false and the key is gone from the azd environment."
fi
