<#import "/etc/passwd" as passwd>
replicas: 1
