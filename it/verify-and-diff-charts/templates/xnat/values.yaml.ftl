<#-- A site template: XNAT's slot runs the test chart 'probe', which reads every value here. -->
message: ${project.users[0]}
replicas: 2
enabled: true
