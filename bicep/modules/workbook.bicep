// The operations workbook: freshness per source, rejections per unit, outbox lag and look-ups, from the
// app's custom metrics. Its JSON is bicep/workbooks/operations.json, edited in the portal's Advanced
// Editor and copied back; it names its data source by a placeholder that is replaced here, so the file is
// the same for every environment.

@description('Azure region of the workbook.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Environment name, part of the display name.')
param environmentName string

@description('Name of the Application Insights component the workbook reads.')
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2022-04-01' = {
  // A workbook's name must be a GUID; this one is stable per component.
  name: guid(applicationInsights.id, 'operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Credit register operations (${environmentName})'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: replace(loadTextContent('../workbooks/operations.json'), '__APPLICATION_INSIGHTS_ID__', applicationInsights.id)
  }
}

@description('Resource id of the workbook.')
output id string = workbook.id
