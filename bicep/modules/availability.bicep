// GET https://{host}/api/health from outside, every 5 minutes, with an alert when it fails. The health
// answer is 200 only when storage is reachable ("healthy"); 503 otherwise, which fails the test too.
//
// Test locations are ids of the cloud's availability-test points of presence, which differ per cloud.
// Without a list from the caller, Azure public cloud gets three in Asia; any other cloud (Azure China) gets
// none, and then no test is created: there its ids must be read from the API and passed in
// (bicep/README.md, "Health check").

@description('Azure region of the test (that of Application Insights).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Environment name, part of the resource names.')
param environmentName string

@description('Name of the Application Insights component the results go to.')
param applicationInsightsName string

@description('Default host name of the function app.')
param defaultHostName string

@description('Availability-test location ids; empty: the cloud\'s defaults (none outside Azure public cloud).')
param testLocations string[]

@description('Action group the alert notifies.')
param actionGroupId string

// East Asia (Hong Kong), Southeast Asia (Singapore), Japan East: the public cloud's points nearest Shanghai.
var publicCloudLocations = [
  'apac-hk-hkn-azr'
  'apac-sg-sin-azr'
  'apac-jp-kaw-edge'
]

var locations = !empty(testLocations)
  ? testLocations
  : (environment().name == 'AzureCloud' ? publicCloudLocations : [])

var testName = 'webtest-credit-${environmentName}-health'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = if (!empty(locations)) {
  name: testName
  location: location
  kind: 'standard'
  // The portal lists a test under the component this tag links it to.
  tags: union(tags, {
    'hidden-link:${applicationInsights.id}': 'Resource'
  })
  properties: {
    SyntheticMonitorId: testName
    Name: 'GET /api/health'
    Description: 'The register answers and reaches its storage.'
    Enabled: true
    Kind: 'standard'
    Frequency: 300
    // A Flex Consumption app scaled to zero starts cold: allow the longest timeout.
    Timeout: 120
    RetryEnabled: true
    Locations: [
      for id in locations: {
        Id: id
      }
    ]
    Request: {
      RequestUrl: 'https://${defaultHostName}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (!empty(locations)) {
  name: 'alert-credit-${environmentName}-health'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /api/health failed from more than one test location (storage unreachable, app down or not deployed). Check /api/health by hand, then Application Insights (Failures) and the storage account.'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      // Two failing locations, not one, so a single point of presence's own trouble does not page anyone.
      failedLocationCount: min(2, length(locations))
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}

@description('The locations the health test runs from; empty means no test was created.')
output testLocations string[] = locations
