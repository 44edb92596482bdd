// Key Vault holding the pseudonym key. Access is by Azure RBAC only (no access policies): the function
// app's identity gets Key Vault Secrets User in roles.bicep and reads the secret through an App Service
// Key Vault reference (`@Microsoft.KeyVault(SecretUri=...)`), so the key never sits in app settings.

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

@secure()
@description('The pseudonym key (HMAC key used to pseudonymise subject ids in logs and access records).')
param pseudonymKey string

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

resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
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

@description('Name of the vault.')
output name string = vault.name

@description('URI of the pseudonym key secret without a version, so a rotated key is picked up.')
output pseudonymKeySecretUri string = pseudonymKeySecret.properties.secretUri
