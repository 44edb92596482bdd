// Key Vault holding the pseudonym key. Access is by Azure RBAC only (no access policies): the function
// app's identity gets Key Vault Secrets User in roles.bicep and reads the secret through an App Service
// Key Vault reference (`@Microsoft.KeyVault(SecretUri=...)`), so the key never sits in app settings.
//
// The pseudonym key is written once. Every individual's table keys and buckets are HMACs under it, so a
// new value would orphan all of their records. ARM has no "create if absent", so the write is behind an
// explicit flag (createPseudonymKey, false by default): a deployment without it only looks the secret up,
// and fails with SecretNotFound on a vault that has none, instead of quietly starting an app without a key.

@description('Azure region for the vault.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the secret that holds the pseudonym key.')
param pseudonymKeySecretName string

@description('Write the pseudonym key secret from pseudonymKey. Only for the first deployment of an environment (or the re-keying migration); false looks the existing secret up and never writes it.')
param createPseudonymKey bool = false

@secure()
@description('The pseudonym key (HMAC key behind every individual\'s table keys). Read only when createPseudonymKey is true.')
param pseudonymKey string = ''

@description('Name of the secret that holds the register\'s report signing key (an EC P-256 private key, PKCS#8 PEM).')
param reportsSigningKeySecretName string = 'reports-signing-key'

@description('Write the report signing key secret from reportsSigningKey (first deployment, or a key rotation: reports signed before stay checkable by the register, and their JWS by the old public key kept by whoever checked). False looks the existing secret up.')
param createReportsSigningKey bool = false

@secure()
@description('The report signing key, a PKCS#8 PEM (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256). Read only when createReportsSigningKey is true.')
param reportsSigningKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A lost pseudonym key cannot be recreated: deleted vaults and secrets must stay recoverable.
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption without a VNet resolves Key Vault references over the public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource newPseudonymKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (createPseudonymKey) {
  parent: vault
  name: pseudonymKeySecretName
  properties: {
    value: pseudonymKey
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

// The secret as it stands once the deployment is done, written just now or long ago. Outputs are
// evaluated after every resource, so with the flag this finds the new secret; without it, a vault that has
// no key fails the deployment here (SecretNotFound) rather than leaving an app that cannot start.
resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: pseudonymKeySecretName
}

resource newReportsSigningKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (createReportsSigningKey) {
  parent: vault
  name: reportsSigningKeySecretName
  properties: {
    value: reportsSigningKey
    contentType: 'application/x-pem-file'
    attributes: {
      enabled: true
    }
  }
}

// As the pseudonym key: found after the deployment, written just now or before; none fails the deployment.
resource reportsSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: reportsSigningKeySecretName
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the pseudonym key secret without a version: after a re-keying migration switches the secret, a restart picks it up.')
output pseudonymKeySecretUri string = pseudonymKeySecret.properties.secretUri

@description('URI of the report signing key secret without a version: a new version is picked up at the next restart.')
output reportsSigningKeySecretUri string = reportsSigningKeySecret.properties.secretUri
