// Flex Consumption plan (FC1) + the CreditFunctions function app (Linux, .NET isolated worker), with a
// system-assigned managed identity, deployment storage reached through that identity, App Service
// authentication (Microsoft Entra ID), HTTPS only, TLS 1.2 minimum and FTP/basic-auth publishing off.
// App settings are applied separately (appsettings.bicep) once the identity holds its roles, so the
// Key Vault reference and the identity-based storage connections resolve on first start.

@description('Azure region for the plan and the app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its default host name prefix).')
param functionAppName string

@description('Blob endpoint of the storage account, ending in a slash.')
param storageBlobEndpoint string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Worker runtime version of dotnet-isolated.')
param runtimeVersion string

@description('Memory per instance in MB (Flex Consumption: 512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on scale-out instances (Flex Consumption accepts 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Application (client) id of the Entra app registration that callers request tokens for.')
param entraClientId string

@description('Entra tenant that issues the tokens.')
param entraTenantId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          // The package is read with the app's own identity (Storage Blob Data Owner), no keys.
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        // '10.0' (.NET 10). The Bicep type of `runtime.version` is a free string, so the compiler
        // accepts it; whether the region's Flex Consumption stack offers 10.0 is checked by ARM at
        // deployment time (`az functionapp list-flexconsumption-runtimes`).
        version: runtimeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption takes the runtime from functionAppConfig: no linuxFxVersion, no alwaysOn.
    }
  }
}

// Publishing with basic (user/password) credentials is off for both FTP and the SCM site: deployments
// go through Entra ID (az functionapp deployment / azd, using the deployer's RBAC).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service authentication ("Easy Auth") with Microsoft Entra ID.
//
// unauthenticatedClientAction is AllowAnonymous on purpose: the platform validates any bearer token
// that comes with a request and, when it is valid, passes the caller to the app in the
// X-MS-CLIENT-PRINCIPAL header (it also strips that header from what clients send, which is what makes
// Auth__TrustClientPrincipal=true safe). Requests without a token still reach the app, with no
// principal, so `GET /api/health` and `GET /api/catalogue` stay open while every other route is
// enforced by the app itself: no principal -> 401, a role that may not do it -> 403 (contract,
// "Who is calling"). Rejecting anonymous requests here would close the public routes too, and
// RedirectToLoginPage would send API callers to a login page instead of a 401. The officials' console
// (/api/console/, docs/console.md) redirects a browser with nobody signed in to /.auth/login/aad itself, on
// its own paths only; its browser session is App Service's cookie (tokenStore is not needed for it).
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          // environment() gives the sovereign cloud's login endpoint (Azure China: login.chinacloudapi.cn).
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          // v2 tokens carry the client id as audience, v1 tokens the Application ID URI.
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName

@description('Object id of the app\'s system-assigned managed identity.')
output principalId string = functionApp.identity.principalId
